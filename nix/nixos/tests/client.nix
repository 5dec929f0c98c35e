# What flow.py runs on the node that plays the user's browser and reads Mailpit.
{ pkgs, ... }:
{
  environment.systemPackages = [
    pkgs.curl
    pkgs.jq
  ];
}
