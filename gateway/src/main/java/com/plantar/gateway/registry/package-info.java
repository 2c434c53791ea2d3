/**
 * The device registry: tenants, devices, hubs, pairings and hashed tokens in an embedded SQLite file
 * ({@code DATA_DIR/registry.db}), shared by the running gateway and the {@code plantar devices|hubs}
 * commands. {@link com.plantar.gateway.registry.Registry} is the entry point.
 *
 * <p><b>Architecture invariant:</b> no token is ever stored, logged or returned twice; only {@link
 * com.plantar.gateway.registry.SecretHasher} hashes reach the database.
 */
package com.plantar.gateway.registry;
