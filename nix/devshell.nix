# `nix develop` (or `direnv allow` through .envrc): every tool the Justfile recipes and the test
# suites use, from the same pins as the checks. The Justfile sees IN_NIX_SHELL and keeps this PATH.
{
  lib,
  pkgs,
  python,
  web,
}:
let
  inherit (pkgs.stdenv.hostPlatform) isLinux;
in
pkgs.mkShell {
  packages = [
    # Python with every dependency group (pytest, ruff, ...) and the app as an editable install.
    python.devVenv
    pkgs.uv
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
  ]
  # nixpkgs builds Chromium for Linux only; see nix/README.md for macOS.
  ++ lib.optional isLinux pkgs.chromium;

  env = {
    # uv manages uv.lock here, never an environment: the virtualenv comes from Nix.
    UV_NO_SYNC = "1";
    UV_PYTHON_DOWNLOADS = "never";
    UV_PYTHON = "${python.devVenv}/bin/python";
    # Playwright's driver runs on Nix's Node.js rather than the binary inside its wheel.
    PLAYWRIGHT_NODEJS_PATH = lib.getExe web.nodejs;
  }
  // lib.optionalAttrs isLinux {
    CHROMIUM_EXECUTABLE = "${pkgs.chromium}/bin/chromium";
  };

  shellHook = ''
    # Python packages from elsewhere must not leak into the virtualenv.
    unset PYTHONPATH
    # The editable app resolves $REPO_ROOT at import time.
    REPO_ROOT="$(git rev-parse --show-toplevel 2>/dev/null || pwd)"
    export REPO_ROOT
  '';
}
