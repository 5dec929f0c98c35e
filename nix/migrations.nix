# The Alembic migrations as a store path of their own (MIGRATIONS_DIR), for the image and the NixOS
# module: the runtime virtualenv holds only the app package.
{ lib }:
lib.fileset.toSource {
  root = ../migrations;
  fileset = ../migrations;
}
