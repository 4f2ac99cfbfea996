# kstt-api: the C FastCGI server, built and run on Debian 12.
FROM debian:12 AS build
RUN apt-get update && apt-get install -y --no-install-recommends build-essential pkg-config \
    libfcgi-dev libmariadb-dev libjansson-dev libjwt-dev libargon2-dev libssl-dev \
    libxlsxwriter-dev libzip-dev libcurl4-openssl-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Makefile ./
COPY fcgi ./fcgi
RUN make api

FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends libfcgi0ldbl libmariadb3 \
    libjansson4 libjwt0 libargon2-1 libssl3 libxlsxwriter1 libzip4 libcurl4 ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* && useradd -r -u 1000 kstt
WORKDIR /app
COPY --from=build /src/build/kstt-api /usr/local/bin/kstt-api
COPY db ./db
USER kstt
ENV KSTT_API_LISTEN=:9000 KSTT_MIGRATIONS=/app/db/migrations KSTT_DEMO_DIR=/app/db/demo \
    KSTT_KEY_DIR=/var/lib/kstt/keys KSTT_UPLOAD_DIR=/var/lib/kstt/uploads
EXPOSE 9000
CMD ["sh", "-c", "kstt-api migrate && if [ \"$KSTT_DEMO\" = 1 ]; then kstt-api load-demo; fi && exec kstt-api serve"]
