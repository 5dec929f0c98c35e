"""A package, so that the package-scoped fixtures of its conftest end with its last test."""
