//! cookieconsent configuration (stub).
