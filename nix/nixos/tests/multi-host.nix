# Three NixOS hosts: `db` runs the shared PostgreSQL and Redis (password-protected, passwords read
# from files) and Mailpit, and is the client; `app1` and `app2` run the module against them, and
# only app1 runs the scheduler. Requests reach the app hosts under one public name, as through a
# load balancer: a note written through one is read through the other, a session started on one is
# valid on the other, and with app1 gone app2 keeps serving.
self:
{ ... }:
let
  baseUrl = "http://app.test";
  # Test-only secrets: a real deployment keeps these files outside the store.
  databasePassword = "database-password-for-the-test";
  redisPassword = "redis-password-for-the-test";

  appNode =
    { scheduler }:
    { ... }:
    {
      imports = [ self.nixosModules.default ];

      virtualisation.memorySize = 2048;

      environment.etc."fullstack-flake/secrets.env" = {
        mode = "0400";
        text = ''
          SECRET_KEY=multi-host-test-secret-key-shared-by-all-hosts
          DATABASE_URL=postgresql+psycopg://fullstack-flake:${databasePassword}@db/fullstack-flake
          REDIS_URL=redis://:${redisPassword}@db:6379/0
        '';
      };

      services.fullstack-flake = {
        enable = true;
        database.createLocally = false;
        redis.createLocally = false;
        api.host = "0.0.0.0";
        openFirewall = true;
        worker.scheduler = scheduler;
        environmentFile = "/etc/fullstack-flake/secrets.env";
        settings = {
          BASE_URL = baseUrl;
          SMTP_URL = "smtp://db:1025";
        };
      };
    };
in
{
  name = "fullstack-flake-multi-host";

  nodes = {
    db =
      { config, ... }:
      {
        imports = [ ./client.nix ];

        environment.etc."fullstack-flake/database-password" = {
          user = "postgres";
          mode = "0400";
          text = databasePassword;
        };
        environment.etc."fullstack-flake/redis-password" = {
          mode = "0400";
          text = redisPassword;
        };

        services.postgresql = {
          enable = true;
          enableTCPIP = true;
          ensureDatabases = [ "fullstack-flake" ];
          ensureUsers = [
            {
              name = "fullstack-flake";
              ensureDBOwnership = true;
            }
          ];
          # Rules given here go before the module's defaults (peer on the socket, md5 on loopback).
          authentication = "host fullstack-flake fullstack-flake samenet scram-sha-256";
        };

        # The role's password, from its file, once postgresql-setup has created the role.
        systemd.services.fullstack-flake-database-password = {
          requires = [ "postgresql.target" ];
          after = [ "postgresql.target" ];
          wantedBy = [ "multi-user.target" ];
          path = [ config.services.postgresql.package ];
          serviceConfig = {
            Type = "oneshot";
            RemainAfterExit = true;
            User = "postgres";
          };
          script = ''
            password="$(< /etc/fullstack-flake/database-password)"
            psql --set=ON_ERROR_STOP=1 --set=password="$password" <<'SQL'
            ALTER ROLE "fullstack-flake" PASSWORD :'password';
            SQL
          '';
        };

        services.redis.servers.fullstack-flake = {
          enable = true;
          bind = null;
          port = 6379;
          openFirewall = true;
          requirePassFile = "/etc/fullstack-flake/redis-password";
        };

        services.mailpit.instances.default = {
          listen = "127.0.0.1:8025";
          smtp = "0.0.0.0:1025";
        };

        networking.firewall.allowedTCPPorts = [
          config.services.postgresql.settings.port
          1025
        ];
      };

    app1 = appNode { scheduler = true; };
    app2 = appNode { scheduler = false; };
  };

  testScript = builtins.readFile ./flow.py + ''

    BASE_URL = "${baseUrl}"
    EMAIL = "grace@example.com"
    PASSWORD = "plum-orbit-canvas-1984-quay"
    # How the client reaches each app host behind the public name (curl --connect-to).
    VIA_APP1, VIA_APP2 = "app1:8000", "app2:8000"
    APPS = [app1, app2]

    # The shared servers first, as in a real rollout; the app hosts' migrations retry until then.
    db.start()
    db.wait_for_unit("postgresql.target")
    db.wait_for_unit("fullstack-flake-database-password.service")
    db.wait_for_unit("redis-fullstack-flake.service")
    db.wait_for_unit("mailpit-default.service")
    db.wait_for_open_port(5432)
    db.wait_for_open_port(6379)

    for app in APPS:
        app.start()
    for app in APPS:
        app.wait_for_unit("fullstack-flake-migrate.service")
        app.wait_for_unit("fullstack-flake-api.service")
        app.wait_for_unit("fullstack-flake-worker.service")
        app.wait_for_open_port(8000)

    browser = Browser(db, BASE_URL)

    with subtest("both app hosts answer, healthy"):
        for via in (VIA_APP1, VIA_APP2):
            healthcheck(browser, via=via)

    with subtest("exactly one scheduler"):
        command = "systemctl show --property=ExecStart --value fullstack-flake-worker.service"
        assert "--beat" in app1.succeed(command)
        assert "--beat" not in app2.succeed(command)

    with subtest("a session and a note started on one host are valid on the other"):
        sign_up(browser, EMAIL, PASSWORD, "Grace", via=VIA_APP1)
        verify_email_via_mailpit(browser, db, EMAIL, via=VIA_APP2)
        sign_in(browser, EMAIL, PASSWORD, via=VIA_APP1)
        assert current_user(browser, via=VIA_APP2)["email"] == EMAIL
        note_id = create_note(browser, "Shared", "written through app1", via=VIA_APP1)
        assert read_note(browser, note_id, via=VIA_APP2)["body"] == "written through app1"
        wait_for_email(db, EMAIL, "Note created: Shared")

    with subtest("with app1 gone, app2 keeps serving and sending"):
        app1.crash()
        healthcheck(browser, via=VIA_APP2)
        assert read_note(browser, note_id, via=VIA_APP2)["title"] == "Shared"
        create_note(browser, "After app1", via=VIA_APP2)
        wait_for_email(db, EMAIL, "Note created: After app1")
  '';
}
