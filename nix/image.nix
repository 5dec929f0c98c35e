# `nix build .#image`: a layered Docker image tarball for `docker load < result`. It holds the
# runtime virtualenv (CPython, the app and its dependencies), the web build, the migrations, CA
# certificates and time zones: no compiler, no package manager, no /bin/sh. It runs as uid 1000.
#   docker run IMAGE                 the API: `app serve` on $PORT, migrating first
#   docker run IMAGE app worker      the background worker
{
  lib,
  pkgs,
  python,
  web,
}:
let
  migrations = import ./migrations.nix { inherit lib; };

  zoneinfo = "${pkgs.tzdata}/share/zoneinfo";

  # Docker takes health check durations in nanoseconds.
  seconds = n: n * 1000000000;
in
pkgs.dockerTools.buildLayeredImage {
  name = "fullstack-flake";
  tag = "latest";

  contents = [
    pkgs.dockerTools.caCertificates
    # /etc/passwd and /etc/group with the `app` user, for anything that looks the user up.
    (pkgs.fakeNss.override {
      extraPasswdLines = [ "app:x:1000:1000:app:/var/lib/app:/sbin/nologin" ];
      extraGroupLines = [ "app:x:1000:" ];
    })
  ];

  # The only writable places: /tmp for everyone, and the app's working directory, where the
  # worker's scheduler keeps its state file.
  fakeRootCommands = ''
    mkdir -p tmp var/lib/app
    chmod 1777 tmp
    chown 1000:1000 var/lib/app
  '';

  # Store paths named here (the virtualenv, the web build, the migrations, tzdata) are pulled into
  # the image with their closures.
  config = {
    Cmd = [
      "app"
      "serve"
    ];
    User = "1000:1000";
    WorkingDir = "/var/lib/app";
    Env = [
      "PATH=${python.venv}/bin"
      "APP_ENV=production"
      "HOST=0.0.0.0"
      # The reverse proxy in front reaches the container from a private network; its
      # X-Forwarded-For names the real client, which rate limits and sessions key on.
      "FORWARDED_ALLOW_IPS=127.0.0.1,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7"
      "PORT=8000"
      # `app serve` migrates under a PostgreSQL advisory lock, so replicas may start together.
      "MIGRATE_ON_START=true"
      "WEB_DIST_DIR=${web.build}"
      "MIGRATIONS_DIR=${migrations}"
      "SSL_CERT_FILE=/etc/ssl/certs/ca-bundle.crt"
      "TZDIR=${zoneinfo}"
      "PYTHONTZPATH=${zoneinfo}"
      "PYTHONDONTWRITEBYTECODE=1"
      "PYTHONUNBUFFERED=1"
    ];
    ExposedPorts."8000/tcp" = { };
    # GET /healthcheck on localhost:$PORT from inside the container; no curl needed.
    Healthcheck = {
      Test = [
        "CMD"
        "app"
        "healthcheck"
      ];
      Interval = seconds 10;
      Timeout = seconds 5;
      # Migrations run before the server answers.
      StartPeriod = seconds 60;
      Retries = 3;
    };
  };
}
