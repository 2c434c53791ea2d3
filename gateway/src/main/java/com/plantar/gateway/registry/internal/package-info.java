/** SQLite plumbing of the registry: the shared connection and its transactions, and schema migrations. */
package com.plantar.gateway.registry.internal;
