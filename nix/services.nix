# The apps. `nix run` starts the whole development stack from the repository's process-compose.yaml
# (Postgres, Redis, Mailpit, API, worker, web); `nix run .#services` only Postgres, Redis and
# Mailpit. Both run in the checkout, keep their data in its .data/ and put every tool from Nix on
# PATH, the editable virtualenv included, so `app` runs the working tree.
{
  lib,
  pkgs,
  python,
  web,
}:
let
  stack =
    {
      name,
      description,
      processes ? [ ],
      prepare ? "",
    }:
    {
      type = "app";
      meta.description = description;
      program = lib.getExe (
        pkgs.writeShellApplication {
          inherit name;
          # pnpm runs as nixpkgs built it (nix/web.nix).
          runtimeEnv = web.pnpmEnv;
          runtimeInputs = [
            python.devVenv
            web.nodejs
            web.pnpm
            pkgs.process-compose
            pkgs.postgresql_18
            pkgs.redis
            pkgs.mailpit
            # The stack's scripts need bash >= 4.4, which macOS does not ship.
            pkgs.bash
            pkgs.coreutils
            pkgs.gitMinimal
          ];
          text = ''
            root="$(git rev-parse --show-toplevel 2>/dev/null || pwd)"
            if [[ ! -f "$root/process-compose.yaml" ]]; then
              echo "${name}: no process-compose.yaml in $root; run this inside the fullstack-flake checkout" >&2
              exit 1
            fi
            cd "$root"
            # The editable app resolves $REPO_ROOT at import time.
            export REPO_ROOT="$root"
            unset PYTHONPATH
            ${prepare}
            exec process-compose up --config process-compose.yaml ${lib.escapeShellArgs processes} "$@"
          '';
        }
      );
    };
in
{
  default = stack {
    name = "fullstack-flake-dev";
    description = "The development stack: Postgres, Redis, Mailpit, API, worker and web";
    # Vite runs from web/node_modules, which only pnpm creates (a no-op when it is up to date).
    prepare = "pnpm --dir web install --frozen-lockfile";
  };

  services = stack {
    name = "fullstack-flake-services";
    description = "Only the backing services: Postgres, Redis and Mailpit";
    processes = [
      "postgres"
      "redis"
      "mailpit"
    ];
  };
}
