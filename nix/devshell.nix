# `nix develop` (or `direnv allow` through .envrc): every tool the Justfile recipes and the test
# suites use, from the same pins as the checks. The Justfile sees IN_NIX_SHELL and keeps this PATH.
{
  lib,
  pkgs,
  python,
  web,
}:
pkgs.mkShell {
  packages = [
    # Python with every dependency group (pytest, ruff, uv, ...) and the app as an editable install.
    # uv comes from uv.lock through it, the version scripts/setup installs: nixpkgs' uv is older
    # than the one that writes uv.lock.
    python.devVenv
    web.nodejs
    web.pnpm
    pkgs.just
    pkgs.process-compose
    pkgs.postgresql_18
    pkgs.redis
    pkgs.mailpit
    # HTTP load generator of the benchmarks in bench/.
    pkgs.wrk
    pkgs.pyright
    pkgs.nixfmt
  ];

  env = {
    # uv manages uv.lock here, never an environment: the virtualenv comes from Nix.
    UV_NO_SYNC = "1";
    UV_PYTHON_DOWNLOADS = "never";
    UV_PYTHON = "${python.devVenv}/bin/python";
  }
  # pnpm never swaps itself for another version (nix/web.nix).
  // web.pnpmEnv
  # The browser tests drive the Chromium that nixpkgs builds for its Playwright (nix/python.nix).
  // python.playwrightEnv;

  shellHook = ''
    # Python packages from elsewhere must not leak into the virtualenv.
    unset PYTHONPATH
    # The editable app resolves $REPO_ROOT at import time.
    REPO_ROOT="$(git rev-parse --show-toplevel 2>/dev/null || pwd)"
    export REPO_ROOT
  '';
}
