# The single-page app in web/: its production build (the contents of web/build/client) and the
# pnpm dependencies, fetched from web/pnpm-lock.yaml by nixpkgs' pnpm fetcher and shared with the
# web checks. Only web/ is its source, so Python edits never rebuild it.
{ lib, pkgs }:
let
  fs = lib.fileset;

  nodejs = pkgs.nodejs_24;
  # The major of web/package.json's packageManager (pnpm@10.34.4).
  pnpm = pkgs.pnpm_10;

  # Written by scripts/pnpm-deps-hash (`just pnpm_deps_hash`): the fetcher's output hash, the pnpm
  # it was computed with, and a fingerprint of every file the fetcher reads, which
  # tests/unit/nix_pnpm_hash_test.py compares with web/ so a stale hash fails the tests.
  deps = lib.importJSON ./pnpm-deps.json;

  # pnpm downloads the version web/package.json's packageManager names when it differs from itself
  # (manage-package-manager-versions). Nix contexts run nixpkgs' pnpm as it is and never download.
  pnpmEnv.npm_config_manage_package_manager_versions = "false";

  # The fetcher reads exactly the fingerprinted files, so editing the app never re-fetches.
  lockFiles = fs.unions (map (name: ../web + "/${name}") (lib.attrNames deps.inputs));

  # web/ as committed; the exclusions only matter when the flake is used as a plain `path:`.
  source = fs.toSource {
    root = ../web;
    fileset = fs.difference ../web (
      fs.unions (
        map fs.maybeMissing [
          ../web/node_modules
          ../web/build
          ../web/.react-router
        ]
      )
    );
  };

  inherit (lib.importJSON ../web/package.json) version;

  pnpmDeps = pkgs.fetchPnpmDeps {
    pname = "fullstack-flake-web";
    inherit version pnpm;
    src = fs.toSource {
      root = ../web;
      fileset = lockFiles;
    };
    inherit (deps) fetcherVersion hash;
  };

  # A derivation that runs in web/ with node_modules installed offline from `pnpmDeps`.
  mkPnpmDerivation =
    attrs:
    pkgs.stdenvNoCC.mkDerivation (
      {
        src = source;
        nativeBuildInputs = [
          nodejs
          pnpm
          pkgs.pnpmConfigHook
        ];
        inherit pnpmDeps;
        env = pnpmEnv;
        # The build prerenders through a preview server on 127.0.0.1, and Vitest may listen there
        # too: macOS' sandbox forbids loopback unless the derivation asks.
        __darwinAllowLocalNetworking = true;
      }
      // attrs
    );
in
{
  inherit
    nodejs
    pnpm
    pnpmEnv
    lockFiles
    mkPnpmDerivation
    ;

  # axe-core's browser script (a devDependency) for the browser suite's accessibility check,
  # which finds it through AXE_CORE_JS where there is no web/node_modules.
  axe-core = mkPnpmDerivation {
    pname = "fullstack-flake-axe-core";
    inherit version;
    dontBuild = true;
    installPhase = ''
      runHook preInstall
      cp node_modules/axe-core/axe.min.js $out
      runHook postInstall
    '';
  };

  build =
    lib.warnIf (pnpm.version != deps.pnpm)
      "nix/pnpm-deps.json was computed with pnpm ${deps.pnpm} but nixpkgs has pnpm_10 ${pnpm.version}; if the web build reports a hash mismatch, align web/package.json's packageManager and run `just pnpm_deps_hash`"
      (mkPnpmDerivation {
        pname = "fullstack-flake-web";
        inherit version;
        buildPhase = ''
          runHook preBuild
          pnpm run build
          runHook postBuild
        '';
        installPhase = ''
          runHook preInstall
          cp -r build/client $out
          runHook postInstall
        '';
        meta.description = "fullstack-flake: the production build of the web app";
      });
}
