# services.fullstack-flake: the app on NixOS. Three units share one environment:
#   fullstack-flake-migrate  oneshot `app migrate`; the other two require it and start after it
#   fullstack-flake-api      `app serve` (uvicorn) on api.host:api.port
#   fullstack-flake-worker   `app worker`, with the periodic scheduler (`--beat`) where
#                            worker.scheduler is true: on exactly one host of a deployment
# By default PostgreSQL and Redis run on the same host, reached over Unix sockets; with
# database.createLocally / redis.createLocally false they are shared servers named by URL.
# The flake's nixosModules.default (./default.nix) sets the packages; nix/README.md documents it.
{
  config,
  lib,
  utils,
  ...
}:
let
  # The project's name: the option path, the units, the service user, the database, the Redis
  # server.
  name = "fullstack-flake";

  cfg = config.services.${name};
  inherit (lib) mkOption types;

  # What the units run and the environment every one of them gets, shared with the suite's
  # rehearsal of these units (tests/deploy/), so the two cannot drift apart.
  units = lib.importJSON ./environment.json;

  stateDirectory = "/var/lib/${name}";
  localRedis = config.services.redis.servers.${name};
  localDatabaseUrl = "postgresql+psycopg://${name}@/${name}?host=/run/postgresql";
  localRedisUrl = "unix://${localRedis.unixSocket}?db=0";

  # Values as pydantic-settings reads them; null leaves the variable unset.
  toEnvironment = lib.mapAttrs (
    _: value: if lib.isBool value then lib.boolToString value else toString value
  );
  environment =
    units.environment
    // {
      MIGRATIONS_DIR = "${cfg.migrations}";
    }
    // lib.optionalAttrs (cfg.webPackage != null) { WEB_DIST_DIR = "${cfg.webPackage}"; }
    // toEnvironment (lib.filterAttrs (_: value: value != null) cfg.settings);

  # DATABASE_URL, REDIS_URL: the local server's socket when it runs here, else unset.
  urlOption =
    {
      server,
      createLocally,
      local,
      localText,
    }:
    mkOption {
      type = types.nullOr types.str;
      default = if createLocally then local else null;
      defaultText = lib.literalExpression ''if ${server}.createLocally then "${localText}" else null'';
      description = "The ${server} URL; one with a password belongs in `environmentFile` instead.";
    };

  # The API's own variables, from the api.* options.
  apiOptions = {
    HOST = cfg.api.host;
    PORT = toString cfg.api.port;
    WEB_CONCURRENCY = toString cfg.api.workers;
  };

  app = args: utils.escapeSystemdExecArgs ([ (lib.getExe' cfg.package "app") ] ++ args);

  # Nothing in the API or the worker needs more than this. Python's native extensions (cffi for
  # argon2, uvloop, psycopg's libpq) neither write executable memory nor need privileged calls.
  hardening = {
    AmbientCapabilities = "";
    CapabilityBoundingSet = [ "" ];
    DevicePolicy = "closed";
    LockPersonality = true;
    MemoryDenyWriteExecute = true;
    NoNewPrivileges = true;
    PrivateDevices = true;
    PrivateTmp = true;
    ProcSubset = "pid";
    ProtectClock = true;
    ProtectControlGroups = true;
    ProtectHome = true;
    ProtectHostname = true;
    ProtectKernelLogs = true;
    ProtectKernelModules = true;
    ProtectKernelTunables = true;
    ProtectProc = "invisible";
    ProtectSystem = "strict";
    RemoveIPC = true;
    RestrictAddressFamilies = [
      "AF_INET"
      "AF_INET6"
      "AF_UNIX"
    ];
    RestrictNamespaces = true;
    RestrictRealtime = true;
    RestrictSUIDSGID = true;
    SystemCallArchitectures = "native";
    SystemCallFilter = [
      "@system-service"
      "~@privileged"
    ];
    UMask = "0077";
  };

  serviceConfig = hardening // {
    # A user allocated while a unit runs, the same for all three (systemd gives units sharing a
    # dynamic user name one uid); PostgreSQL's peer authentication sees this name.
    DynamicUser = true;
    User = name;
    Group = name;
    StateDirectory = name;
    StateDirectoryMode = "0700";
    WorkingDirectory = stateDirectory;
    # Read by systemd before it drops privileges: the file may be readable by root only.
    EnvironmentFile = lib.optional (cfg.environmentFile != null) cfg.environmentFile;
    # The local Redis socket is rw for its group only.
    SupplementaryGroups = lib.optional cfg.redis.createLocally localRedis.user;
  };

  database = lib.optional cfg.database.createLocally "postgresql.target";
  redis = lib.optional cfg.redis.createLocally "redis-${name}.service";
  remote = lib.optional (
    !cfg.database.createLocally || !cfg.redis.createLocally
  ) "network-online.target";
  migrate = "${name}-migrate.service";
in
{
  options.services.${name} = {
    enable = lib.mkEnableOption "${name}: its API, background worker and database migrations";

    package = mkOption {
      type = types.package;
      description = "The runtime virtualenv whose `bin/app` the units run.";
    };

    webPackage = mkOption {
      type = types.nullOr types.package;
      default = null;
      description = "The production web build the API serves (`WEB_DIST_DIR`); null serves the API only.";
    };

    migrations = mkOption {
      type = types.path;
      description = "The Alembic migrations folder (`MIGRATIONS_DIR`), of the same revision as `package`.";
    };

    api = {
      enable = mkOption {
        type = types.bool;
        default = true;
        description = "Whether this host runs the API (`app serve`).";
      };
      host = mkOption {
        type = types.str;
        default = "127.0.0.1";
        example = "0.0.0.0";
        description = "The address the API listens on (`HOST`); a reverse proxy usually sits in front.";
      };
      port = mkOption {
        type = types.port;
        default = 8000;
        description = "The API's TCP port (`PORT`).";
      };
      workers = mkOption {
        type = types.ints.positive;
        default = 2;
        description = "uvicorn worker processes (`WEB_CONCURRENCY`).";
      };
    };

    openFirewall = mkOption {
      type = types.bool;
      default = false;
      description = "Whether to open `api.port` in the firewall (for a load balancer on another host).";
    };

    worker = {
      enable = mkOption {
        type = types.bool;
        default = true;
        description = "Whether this host runs a background worker (`app worker`).";
      };
      scheduler = mkOption {
        type = types.bool;
        default = true;
        description = ''
          Whether this host's worker also runs the periodic scheduler (`app worker --beat`), which
          enqueues the periodic jobs. Exactly one host of a deployment must: set it to false on
          every other host, or the periodic jobs run once per scheduler.
        '';
      };
      concurrency = mkOption {
        type = types.nullOr types.ints.positive;
        default = null;
        description = "Jobs the worker runs at once (`--concurrency`); null means one per CPU.";
      };
      extraArgs = mkOption {
        type = types.listOf types.str;
        default = [ ];
        example = [
          "--max-tasks-per-child"
          "1000"
        ];
        description = "More arguments for `celery worker`.";
      };
    };

    database.createLocally = mkOption {
      type = types.bool;
      default = true;
      description = ''
        Whether to run PostgreSQL on this host with a database and a role named `${name}`, reached
        over the Unix socket with peer authentication (no password). With false, point
        `settings.DATABASE_URL` (or `DATABASE_URL` in `environmentFile`, when it holds a password)
        at the shared server.
      '';
    };

    redis.createLocally = mkOption {
      type = types.bool;
      default = true;
      description = ''
        Whether to run a Redis server `${name}` on this host, reached over its Unix socket, which
        only its group (given to the units) may use. With false, point `settings.REDIS_URL` (or
        `REDIS_URL` in `environmentFile`) at the shared server.
      '';
    };

    settings = mkOption {
      description = ''
        The app's environment (every variable: `app env-docs`, or the README's table). Values
        are passed as strings, booleans as true/false; null leaves a variable unset. These land in
        the world-readable Nix store: secrets belong in `environmentFile`.
      '';
      default = { };
      example = lib.literalExpression ''
        {
          BASE_URL = "https://notes.example.com";
          SMTP_URL = "smtp://mail.internal:25";
          EMAIL_FROM = "Notes <notes@example.com>";
          FORWARDED_ALLOW_IPS = "10.0.0.2";
        }
      '';
      type = types.submodule {
        freeformType = types.attrsOf (
          types.nullOr (
            types.oneOf [
              types.str
              types.int
              types.bool
              types.path
            ]
          )
        );
        options = {
          BASE_URL = mkOption {
            type = types.str;
            example = "https://notes.example.com";
            description = "The public URL of the app: links in emails, and https makes every cookie Secure.";
          };
          DATABASE_URL = urlOption {
            server = "database";
            inherit (cfg.database) createLocally;
            local = localDatabaseUrl;
            localText = localDatabaseUrl;
          };
          REDIS_URL = urlOption {
            server = "redis";
            inherit (cfg.redis) createLocally;
            local = localRedisUrl;
            localText = "unix:///run/redis-${name}/redis.sock?db=0";
          };
          FORWARDED_ALLOW_IPS = mkOption {
            type = types.nullOr types.str;
            default = null;
            example = "10.0.0.2,10.0.0.3";
            description = ''
              The reverse proxies (comma-separated addresses) whose X-Forwarded-For and
              X-Forwarded-Proto headers the API believes, so it sees the real client address and
              scheme; null keeps uvicorn's default, 127.0.0.1 and ::1.
            '';
          };
        };
      };
    };

    environmentFile = mkOption {
      type = types.nullOr types.externalPath;
      default = null;
      example = "/run/secrets/${name}.env";
      description = ''
        A file of `NAME=value` lines outside the Nix store, read by systemd as root when a unit
        starts, for the secrets: `SECRET_KEY` (required: 32 or more random characters, the same on
        every host), and `DATABASE_URL`, `REDIS_URL` or `SMTP_URL` when they carry a password.
        Its values override `settings`.
      '';
    };
  };

  config = lib.mkIf cfg.enable {
    assertions = [
      {
        assertion = lib.all (variable: !(cfg.settings ? ${variable})) (lib.attrNames apiOptions);
        message = "services.${name}: set the API's address and processes with api.host, api.port and api.workers, not settings.";
      }
      {
        assertion = cfg.settings.DATABASE_URL != null || cfg.environmentFile != null;
        message = "services.${name}: without database.createLocally, set settings.DATABASE_URL or put DATABASE_URL in environmentFile.";
      }
      {
        assertion = cfg.settings.REDIS_URL != null || cfg.environmentFile != null;
        message = "services.${name}: without redis.createLocally, set settings.REDIS_URL or put REDIS_URL in environmentFile.";
      }
    ];

    services.postgresql = lib.mkIf cfg.database.createLocally {
      enable = true;
      ensureDatabases = [ name ];
      ensureUsers = [
        {
          inherit name;
          ensureDBOwnership = true;
        }
      ];
    };

    # A named server listens on no TCP port, only on /run/redis-${name}/redis.sock.
    services.redis.servers.${name}.enable = lib.mkIf cfg.redis.createLocally true;

    systemd.services = {
      # The advisory lock in `app migrate` makes concurrent runs on several hosts safe.
      "${name}-migrate" = {
        description = "${name} database migrations";
        inherit environment;
        requires = database;
        wants = remote;
        after = database ++ remote;
        serviceConfig = serviceConfig // {
          Type = "oneshot";
          RemainAfterExit = true;
          ExecStart = app units.commands.migrate;
          # A shared database may still be starting when an app host boots.
          Restart = "on-failure";
          RestartSec = 5;
        };
      };

      "${name}-api" = lib.mkIf cfg.api.enable {
        description = "${name} API";
        wantedBy = [ "multi-user.target" ];
        environment = environment // apiOptions;
        requires = [ migrate ] ++ redis;
        wants = remote;
        after = [ migrate ] ++ redis ++ remote;
        serviceConfig = serviceConfig // {
          ExecStart = app units.commands.api;
          Restart = "on-failure";
          # uvicorn finishes the requests in flight on SIGTERM (20 s at most, app/cli.py).
          TimeoutStopSec = 30;
        };
      };

      "${name}-worker" = lib.mkIf cfg.worker.enable {
        description = "${name} background worker${lib.optionalString cfg.worker.scheduler " and scheduler"}";
        wantedBy = [ "multi-user.target" ];
        inherit environment;
        requires = [ migrate ] ++ redis;
        wants = remote;
        after = [ migrate ] ++ redis ++ remote;
        serviceConfig = serviceConfig // {
          ExecStart = app (
            units.commands.worker
            ++ lib.optionals cfg.worker.scheduler units.commands.scheduler
            ++ lib.optionals (cfg.worker.concurrency != null) [
              "--concurrency"
              (toString cfg.worker.concurrency)
            ]
            ++ cfg.worker.extraArgs
          );
          Restart = "on-failure";
          # Celery's warm shutdown waits for running jobs; task_time_limit is 120 s.
          TimeoutStopSec = 150;
        };
      };
    };

    networking.firewall = lib.mkIf (cfg.openFirewall && cfg.api.enable) {
      allowedTCPPorts = [ cfg.api.port ];
    };
  };
}
