# The flake's `nixosModules.default`: ./module.nix with its packages defaulting to this flake's builds
# for the host's system. Only `config` is set here and `imports` is static, so nothing recurses, and
# nixpkgs itself (overlays, config) is left alone, as read-only package sets require.
self:
{ lib, pkgs, ... }:
let
  packages = self.packages.${pkgs.stdenv.hostPlatform.system};
in
{
  _file = ./default.nix;
  imports = [ ./module.nix ];

  services.fullstack-flake = {
    package = lib.mkDefault packages.venv;
    webPackage = lib.mkDefault packages.web;
    migrations = lib.mkDefault (import ../migrations.nix { inherit lib; });
  };
}
