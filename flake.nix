{
  description = "Full-stack Python (FastAPI) and React starter: dev shell, test suites and container image";

  # flake.lock pins these; scripts/check-nix fails when the two disagree.
  inputs = {
    nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";

    pyproject-nix = {
      url = "github:pyproject-nix/pyproject.nix";
      inputs.nixpkgs.follows = "nixpkgs";
    };

    uv2nix = {
      url = "github:pyproject-nix/uv2nix";
      inputs.pyproject-nix.follows = "pyproject-nix";
      inputs.nixpkgs.follows = "nixpkgs";
    };

    pyproject-build-systems = {
      url = "github:pyproject-nix/build-system-pkgs";
      inputs.pyproject-nix.follows = "pyproject-nix";
      inputs.uv2nix.follows = "uv2nix";
      inputs.nixpkgs.follows = "nixpkgs";
    };
  };

  outputs =
    {
      self,
      nixpkgs,
      pyproject-nix,
      uv2nix,
      pyproject-build-systems,
      ...
    }:
    let
      inherit (nixpkgs) lib;

      # No x86_64-darwin: nixpkgs dropped it in the 26.11 cycle, and evaluating any package for it
      # throws at the locked revision.
      systems = [
        "x86_64-linux"
        "aarch64-linux"
        "aarch64-darwin"
      ];

      # Every output of one system, one file per concern under nix/ (see nix/README.md).
      perSystem =
        system:
        let
          pkgs = nixpkgs.legacyPackages.${system};
          args = { inherit lib pkgs; };
          python = import ./nix/python.nix (
            args // { inherit pyproject-nix uv2nix pyproject-build-systems; }
          );
          web = import ./nix/web.nix args;
          project = args // {
            inherit python web;
          };
          image = import ./nix/image.nix project;
          # The NixOS module's VM tests boot Linux virtual machines.
          nixosTests = lib.optionalAttrs pkgs.stdenv.hostPlatform.isLinux (
            import ./nix/nixos/tests { inherit pkgs self; }
          );
        in
        {
          packages = {
            inherit (python) venv;
            web = web.build;
            default = python.venv;
          }
          # A container runs Linux binaries, so only Linux systems build the image.
          // lib.optionalAttrs pkgs.stdenv.hostPlatform.isLinux { inherit image; };
          apps = import ./nix/services.nix project;
          devShells.default = import ./nix/devshell.nix project;
          checks = import ./nix/checks.nix (project // { inherit image; }) // nixosTests;
          formatter = pkgs.nixfmt-tree;
        };

      bySystem = lib.genAttrs systems perSystem;
      forAllSystems = output: lib.mapAttrs (_system: outputs: outputs.${output}) bySystem;
    in
    {
      packages = forAllSystems "packages";
      apps = forAllSystems "apps";
      devShells = forAllSystems "devShells";
      checks = forAllSystems "checks";
      formatter = forAllSystems "formatter";

      # services.fullstack-flake: the API, worker and migrations on NixOS (nix/README.md).
      nixosModules.default = import ./nix/nixos self;

      # `nix flake init -t <this flake>` copies the project; scripts/rename-project names it.
      templates.default = {
        path = ./.;
        description = "A FastAPI and React app whose environment, tests and image come from one flake";
        welcomeText = ''
          # Your copy of fullstack-flake

          Give it its own name first (slug, Nix packages, service, databases, titles):

              nix develop -c scripts/rename-project --name "Acme Notes"

          `--help` lists the other answers. Then `git init`, `git add -A` and `nix flake check`.
          README.md, "Start a new project", also says how to pull the template's later changes.
        '';
      };
    };
}
