# One NixOS host with everything local: the module's PostgreSQL and Redis, and Mailpit for email.
# A user signs up, verifies the address, signs in and creates a note through the API; the
# "Note created" email arrives; the note outlives an API restart; the services run unprivileged.
self:
{ ... }:
let
  baseUrl = "http://localhost:8000";
in
{
  name = "fullstack-flake-single-host";

  nodes.machine =
    { ... }:
    {
      imports = [
        self.nixosModules.default
        ./client.nix
      ];

      virtualisation.memorySize = 2048;

      # A test-only secret; a real host keeps this file outside the store (see nix/README.md).
      environment.etc."fullstack-flake/secrets.env" = {
        mode = "0400";
        text = "SECRET_KEY=single-host-test-secret-key-of-forty-characters\n";
      };

      services.mailpit.instances.default = {
        listen = "127.0.0.1:8025";
        smtp = "127.0.0.1:1025";
      };

      services.fullstack-flake = {
        enable = true;
        environmentFile = "/etc/fullstack-flake/secrets.env";
        settings = {
          BASE_URL = baseUrl;
          SMTP_URL = "smtp://127.0.0.1:1025";
        };
      };
    };

  testScript = builtins.readFile ./flow.py + ''

    BASE_URL = "${baseUrl}"
    EMAIL = "ada@example.com"
    PASSWORD = "plum-orbit-canvas-1984-quay"
    UNITS = ["fullstack-flake-api.service", "fullstack-flake-worker.service"]

    start_all()
    machine.wait_for_unit("postgresql.target")
    machine.wait_for_unit("fullstack-flake-migrate.service")
    for unit in UNITS:
        machine.wait_for_unit(unit)
    machine.wait_for_unit("mailpit-default.service")
    machine.wait_for_open_port(8000)
    machine.wait_for_open_port(8025)

    browser = Browser(machine, BASE_URL)

    with subtest("the health check is green"):
        healthcheck(browser)

    with subtest("sign up, verify the address, sign in, create a note, get its email"):
        sign_up(browser, EMAIL, PASSWORD, "Ada")
        verify_email_via_mailpit(browser, machine, EMAIL)
        sign_in(browser, EMAIL, PASSWORD)
        note_id = create_note(browser, "Groceries", "eggs, flour")
        email = wait_for_email(machine, EMAIL, "Note created")
        assert "Groceries" in email["Subject"], email["Subject"]

    with subtest("the note and the session outlive an API restart"):
        machine.succeed("systemctl restart fullstack-flake-api.service")
        machine.wait_for_unit("fullstack-flake-api.service")
        machine.wait_for_open_port(8000)
        healthcheck(browser)
        assert read_note(browser, note_id)["title"] == "Groceries"
        assert current_user(browser)["email"] == EMAIL

    with subtest("the services run as the unprivileged service user"):
        for unit in UNITS:
            pid = machine.succeed(f"systemctl show --property=MainPID --value {unit}").strip()
            # /proc/PID belongs to the process's user (stat prints the whole name, ps cuts it).
            user, uid = machine.succeed(f"stat --format='%U %u' /proc/{pid}").split()
            assert user == "fullstack-flake", f"{unit} runs as {user}"
            assert uid != "0", f"{unit} runs as root"
            # The score of the unit's sandbox, in the log for whoever tightens it further.
            print(machine.succeed(f"systemd-analyze security {unit} | tail -n 1"))
        migrate_user = "systemctl show --property=User --value fullstack-flake-migrate.service"
        assert machine.succeed(migrate_user).strip() == "fullstack-flake"
  '';
}
