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
  # CPython 3.13, as scripts/setup installs without Nix (one Python on every path), rather than
  # nixpkgs' default 3.14. uv.lock resolves to wheels for both on every system (nix/README.md).
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

  # nixpkgs' Playwright for Python instead of uv.lock's wheel: nixpkgs keeps it in step with its
  # `playwright-driver.browsers`, the browsers the checks and the dev shell give it, while the wheel
  # expects a newer Chromium than nixpkgs builds. The Debian path keeps uv.lock's version.
  playwrightFromNixpkgs = final: prev: {
    playwright = hacks.nixpkgsPrebuilt {
      from = python.pkgs.playwright;
      prev = prev.playwright;
    };
  };

  # Chromium (and its headless shell) only.
  playwrightBrowsers = pkgs.playwright-driver.browsers.override {
    withFirefox = false;
    withWebkit = false;
  };

  projectOverrides = final: prev: {
    fullstack-flake = prev.fullstack-flake.overrideAttrs { src = appSource; };
  };

  pythonSet = (pkgs.callPackage pyproject-nix.build.packages { inherit python; }).overrideScope (
    lib.composeManyExtensions [
      pyproject-build-systems.overlays.wheel
      (workspace.mkPyprojectOverlay { sourcePreference = "wheel"; })
      playwrightFromNixpkgs
      projectOverrides
    ]
  );

  # The app as an editable install: its .pth file expands $REPO_ROOT when Python starts, so
  # `import app` loads the working tree (or a check's copy of it), never a copy in the store.
  # hatchling's editable build needs `editables`, which pyproject.toml's
  # tool.uv.extra-build-dependencies adds (scripts/check-nix rehearses this build).
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

  # Every dependency group (tests, linters, uv) plus the editable app. pyright comes from nixpkgs
  # instead: the PyPI wrapper downloads the real pyright on first run, which no sandbox allows.
  devVenv = (editableSet.mkVirtualEnv "fullstack-flake-dev-env" workspace.deps.all).overrideAttrs {
    venvSkip = [ "bin/pyright*" ];
  };

  # Where Playwright finds its browsers: those nixpkgs builds for its Playwright. Its host check
  # looks for the system libraries of Playwright's own downloads by running ldd, which the checks'
  # sandbox lacks; nixpkgs' browsers carry their libraries.
  playwrightEnv = {
    PLAYWRIGHT_BROWSERS_PATH = "${playwrightBrowsers}";
    PLAYWRIGHT_SKIP_VALIDATE_HOST_REQUIREMENTS = "true";
  };
}
