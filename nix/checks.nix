# `nix flake check`: every suite that `just test` runs, one derivation each, plus the web build,
# Nix formatting and, on Linux, the browser tests and the image. Each check's source is only what it
# reads, so an edit to web/ re-runs only what depends on the web app, and vice versa.
{
  lib,
  pkgs,
  python,
  web,
  image,
}:
let
  fs = lib.fileset;
  inherit (pkgs.stdenv.hostPlatform) isLinux;

  # Everything but the web app, plus what the Python tests read from web/: the committed OpenAPI
  # schema (tests/unit/openapi_test.py) and the files tests/unit/nix_pnpm_hash_test.py fingerprints.
  pythonSource = fs.toSource {
    root = ../.;
    fileset = fs.unions [
      (fs.difference ../. ../web)
      ../web/openapi.json
      web.lockFiles
    ];
  };

  # The tests start their own servers from these, on free loopback ports (tests/services.py).
  services = [
    pkgs.postgresql_18
    pkgs.redis
    pkgs.mailpit
  ];

  # Runs `script` in a copy of the repository with the dev virtualenv on PATH. Every line must
  # succeed. Names stay short: macOS limits a socket path (Postgres' lives in the build directory)
  # to 103 bytes.
  pythonCheck =
    name:
    {
      script,
      packages ? [ ],
      env ? { },
    }:
    pkgs.stdenvNoCC.mkDerivation {
      inherit name env;
      src = pythonSource;
      nativeBuildInputs = [
        python.devVenv
        # HOME is read-only in the sandbox.
        pkgs.writableTmpDirAsHomeHook
      ]
      ++ packages;
      dontConfigure = true;
      buildPhase = ''
        runHook preBuild
        # The editable app resolves $REPO_ROOT at import time: the app under test is this copy.
        export REPO_ROOT="$PWD"
        ${script}
        runHook postBuild
      '';
      installPhase = "touch $out";
      # The test servers listen on loopback ports, which macOS' sandbox forbids unless asked.
      __darwinAllowLocalNetworking = true;
    };

  webCheck =
    name: script:
    web.mkPnpmDerivation {
      inherit name;
      buildPhase = ''
        runHook preBuild
        pnpm run ${script}
        runHook postBuild
      '';
      installPhase = "touch $out";
    };

  nixSource = fs.toSource {
    root = ../.;
    fileset = fs.fileFilter (file: file.hasExt "nix") ../.;
  };
in
{
  python-lint = pythonCheck "python-lint" {
    script = ''
      ruff check .
      ruff format --check .
    '';
  };

  python-types = pythonCheck "python-types" {
    packages = [ pkgs.pyright ];
    script = "pyright";
  };

  python-tests = pythonCheck "python-tests" {
    # curl and jq: tests/deploy drives the app with the NixOS VM tests' own helpers.
    packages = services ++ [
      pkgs.curl
      pkgs.jq
    ];
    # tests/template copies the whole repository (web/ included) with git and copier and checks
    # the copy with Nix's parser and the web's node_modules: CI (.ci/run) runs them.
    script = "pytest tests --ignore=tests/integration --ignore=tests/template -p no:cacheprovider";
  };

  web-build = web.build;
  web-typecheck = webCheck "web-typecheck" "typecheck";
  web-lint = webCheck "web-lint" "lint";
  web-format = webCheck "web-format" "format:check";
  web-test = webCheck "web-test" "test";
  web-client = webCheck "web-client" "check:client";

  nix-format =
    pkgs.runCommand "nix-format"
      {
        nativeBuildInputs = [ pkgs.nixfmt ];
        src = nixSource;
      }
      ''
        cd "$src"
        find . -name '*.nix' -exec nixfmt --check {} +
        touch "$out"
      '';
}
// lib.optionalAttrs isLinux {
  # The browser suite drives the Chromium nixpkgs builds for its Playwright (nix/python.nix)
  # against the production web build. Linux only, like nixpkgs' own test of that pair
  # (nixosTests.playwright-python): a browser inside macOS' build sandbox is untried.
  python-browser = pythonCheck "python-browser" {
    packages = services;
    env = python.playwrightEnv // {
      WEB_DIST_DIR = "${web.build}";
      AXE_CORE_JS = "${web.axe-core}";
      FONTCONFIG_FILE = "${pkgs.makeFontsConf { fontDirectories = [ pkgs.dejavu_fonts ]; }}";
    };
    # The suite builds web/ when web/build/client is missing or older than web/'s sources; here the
    # build is the `web` package, linked where the suite looks (store files all date from 1970).
    script = ''
      mkdir -p web/build
      ln -s ${web.build} web/build/client
      pytest tests/integration -p no:cacheprovider
    '';
  };

  inherit image;
}
