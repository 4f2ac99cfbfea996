<?php
// bench/php-peer: GET /api/v1/health as a PHP-FPM + PDO application writes it, the peer our
// FastCGI workers are compared with (issue 21). It does what fcgi/api/health.c does: one query
// (the schema version) over the worker's own persistent connection, the same JSON, the same
// 503 problem when the database does not answer; PHP_PEER_CACHE_MS > 0 keeps the answer that
// long in APCu, as ours keeps it 200 ms per process (0: a query on every request).
// The statement is a server-side prepared one, as ours is (PDO::ATTR_EMULATE_PREPARES off):
// PHP cannot keep it past the request, so each query is a prepare, an execute and a close.
// PHP_PEER_EMULATE=1 gives PDO's own default instead, the query text sent once (client-side
// "prepares"), which the comparison reports beside it.
declare(strict_types=1);

function schema_version(): string
{
    $dsn = 'mysql:unix_socket=' . getenv('KSTT_DB_SOCKET') . ';dbname=' . getenv('KSTT_DB_NAME') . ';charset=utf8mb4';
    $pdo = new PDO($dsn, getenv('KSTT_DB_USER'), getenv('KSTT_DB_PASSWORD'), [
        PDO::ATTR_PERSISTENT => true,
        PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
        PDO::ATTR_EMULATE_PREPARES => getenv('PHP_PEER_EMULATE') === '1',
    ]);
    return (string) $pdo->query('SELECT MAX(version) FROM schema_migrations')->fetchColumn();
}

function check(int $ttlMs): array
{
    if ($ttlMs > 0) {
        $c = apcu_fetch('kstt_health');
        if (is_array($c) && (microtime(true) - $c[0]) * 1000 < $ttlMs) {
            return [$c[1], $c[2]];
        }
    }
    try {
        $res = [true, schema_version()];
    } catch (Throwable $e) {
        $res = [false, ''];
    }
    if ($ttlMs > 0) {
        apcu_store('kstt_health', [microtime(true), $res[0], $res[1]]);
    }
    return $res;
}

[$ok, $ver] = check((int) (getenv('PHP_PEER_CACHE_MS') ?: 0));
if (!$ok) {
    http_response_code(503);
    header('Content-Type: application/problem+json; charset=utf-8');
    echo json_encode(['type' => 'about:blank', 'title' => 'Service Unavailable', 'status' => 503,
        'detail' => 'Không kết nối được cơ sở dữ liệu.'], JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
    return;
}
header('Content-Type: application/json; charset=utf-8');
header('Cache-Control: no-store');
$body = ['status' => 'ok', 'db' => 'ok'];
if ($ver !== '') {
    $body['schema'] = $ver;
}
echo json_encode($body, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
