/**
 * Pure logic of dwpilot, free of databases, actors and HTTP: SQL analysis and fingerprints, features, the learned
 * models, evaluation metrics and statistical tests. The first pieces arrive with the query front door.
 */
package io.dwpilot.models;
