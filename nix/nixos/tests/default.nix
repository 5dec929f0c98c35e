# The NixOS VM tests of the module (Linux checks: each boots QEMU virtual machines, so the builder
# needs KVM; see nix/README.md).
{ pkgs, self }:
{
  nixos-single-host = pkgs.testers.runNixOSTest (import ./single-host.nix self);
  nixos-multi-host = pkgs.testers.runNixOSTest (import ./multi-host.nix self);
}
