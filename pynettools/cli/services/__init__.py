"""pyservices' front end: `getent services` and the lookups beyond it."""
