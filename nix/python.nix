# The Python side, from uv.lock through uv2nix: one package set, the runtime virtualenv with the app
# (what `nix build` and the image ship) and an editable virtualenv with every dependency group (the
# dev shell, the runner and the checks).
{
  lib,
  pkgs,
  pyproject-nix,
  uv2nix,
  pyproject-build-systems,
}:
let
  # CPython 3.13, not nixpkgs' default 3.14: every locked package has supported 3.13 for a full
  # release cycle. nix-eval-lite resolves uv.lock cleanly for both (nix/README.md), so moving to
  # pkgs.python314 is this one line. Debian's 3.11 stays the floor (requires-python).
  python = pkgs.python313;

  workspace = uv2nix.lib.workspace.loadWorkspace { workspaceRoot = ../.; };

  # The app's wheel is built from these files only, so editing tests/, web/ or nix/ never rebuilds
  # it. hatchling reads README.md for the package metadata.
  appSource = lib.fileset.toSource {
    root = ../.;
    fileset = lib.fileset.unions [
      ../pyproject.toml
      ../README.md
      ../app
    ];
  };

  hacks = pkgs.callPackage pyproject-nix.build.hacks { };

  # uv.lock has no x86_64 macOS wheel of these, so uv2nix builds their sdists there; on every other
  # system they are wheels and `onlyFromSource` leaves them alone. uv.lock does not say which build
  # backend an sdist needs, so it is named here (the sdists' pyproject.toml).
  sdistBuilds = final: prev: {
    argon2-cffi-bindings = prev.argon2-cffi-bindings.overrideAttrs (old: {
      nativeBuildInputs =
        old.nativeBuildInputs
        ++ final.resolveBuildSystem {
          scikit-build-core = [ ];
          setuptools-scm = [ ];
        }
        ++ [ pkgs.cmake ];
      # scikit-build-core drives CMake itself; CMake's setup hook must not configure the sdist.
      dontUseCmakeConfigure = true;
    });
    # Its sdist needs its Rust crates vendored (a hash or import-from-derivation), so it takes
    # nixpkgs' build of cryptography for the same interpreter instead.
    cryptography = hacks.nixpkgsPrebuilt {
      from = python.pkgs.cryptography;
      prev = prev.cryptography;
    };
  };

  onlyFromSource =
    overlay: final: prev:
    lib.mapAttrs (
      name: built: if prev.${name}.passthru.format == "pyproject" then built else prev.${name}
    ) (lib.filterAttrs (name: _: prev ? ${name}) (overlay final prev));

  projectOverrides = final: prev: {
    fullstack-flake = prev.fullstack-flake.overrideAttrs { src = appSource; };
  };

  pythonSet = (pkgs.callPackage pyproject-nix.build.packages { inherit python; }).overrideScope (
    lib.composeManyExtensions [
      pyproject-build-systems.overlays.wheel
      (workspace.mkPyprojectOverlay { sourcePreference = "wheel"; })
      (onlyFromSource sdistBuilds)
      projectOverrides
    ]
  );

  # The app as an editable install: its .pth file expands $REPO_ROOT when Python starts, so
  # `import app` loads the working tree (or a check's copy of it), never a copy in the store.
  editableSet = pythonSet.overrideScope (
    workspace.mkEditablePyprojectOverlay { root = "$REPO_ROOT"; }
  );
in
{
  inherit python;

  # The app and its runtime dependencies only (no dependency group): `nix build` and the image.
  venv =
    (pythonSet.mkVirtualEnv "fullstack-flake-env" { fullstack-flake = [ ]; }).overrideAttrs
      (old: {
        meta = old.meta or { } // {
          description = "fullstack-flake: the app and its runtime dependencies";
          mainProgram = "app";
        };
      });

  # Every dependency group (tests, linters) plus the editable app. pyright comes from nixpkgs
  # instead: the PyPI wrapper downloads the real pyright on first run, which no sandbox allows.
  devVenv = (editableSet.mkVirtualEnv "fullstack-flake-dev-env" workspace.deps.all).overrideAttrs {
    venvSkip = [ "bin/pyright*" ];
  };
}
