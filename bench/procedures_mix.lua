-- wrk script for bench/bench_procedures.sh: the public procedure search with a mix of what
-- citizens type (no accents, prefixes, codes, filters), rotating over the list, and the latency
-- percentiles (p50, p95, p99) printed in one line at the end. With PROCEDURES_MIX=random every
-- request is two random words and a random filter (about 14,000 combinations), so the api's
-- cache of recent searches rarely helps: the cost of searching itself.
local queries = {
  "q=chung%20thuc%20ban%20sao",
  "q=dang%20ky%20khai%20sinh",
  "q=cap%20giay%20phep%20xay%20dung",
  "q=dat%20dai",
  "q=giay%20chung%20nhan%20quyen%20su%20dung%20dat",
  "q=ho%20kinh%20doanh",
  "q=tro%20cap",
  "q=ket%20hon%20yeu%20to%20nuoc%20ngoai",
  "q=gia%20han",
  "q=thu%20tuc%20cap%20lai",
  "q=chung%20thu",
  "q=cap",
  "q=1.001193",
  "q=1.90",
  "q=000815",
  "q=%C4%91%E1%BA%A5t%20%C4%91ai",
  "q=doanh%20nghiep&level=province",
  "q=giay%20phep&online=full",
  "q=moi%20truong&page=3",
  "q=ho%20tich&level=commune&online=partial",
  "field=2&page=2",
  "level=district",
  "",
  "q=xyzzy",
}
local words = {
  "cap", "giay", "phep", "dang", "ky", "chung", "thuc", "ban", "sao", "ho", "tich", "dat", "dai",
  "xay", "dung", "doanh", "nghiep", "kinh", "tro", "lao", "moi", "truong", "thu", "tuc", "gia",
  "han", "lai", "doi", "dieu", "chinh", "nhan", "thanh", "lap", "to", "chuc", "ca", "nhan", "xa",
  "huyen", "tinh", "khai", "sinh", "ket", "hon", "nuoc", "ngoai", "hop", "dong", "tai", "san",
  "quyen", "su", "nha", "o", "hoc", "sinh", "y", "te", "van", "hoa",
}
local filters = { "", "&level=commune", "&online=full", "&level=province" }
local random_mode = os.getenv("PROCEDURES_MIX") == "random"
local i = 0

request = function()
  if random_mode then
    local q = words[math.random(#words)] .. "%20" .. words[math.random(#words)]
    return wrk.format("GET", "/api/v1/public/procedures?q=" .. q .. filters[math.random(#filters)])
  end
  i = i % #queries + 1
  return wrk.format("GET", "/api/v1/public/procedures?" .. queries[i])
end

done = function(summary, latency, requests)
  io.write(string.format(
    (random_mode and "search-random" or "search-mix") .. ": %d requests, %.0f req/s, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms, errors %d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
