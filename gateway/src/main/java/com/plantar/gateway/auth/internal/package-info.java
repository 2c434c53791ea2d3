/**
 * Implementations behind {@code com.plantar.gateway.auth}: {@link
 * com.plantar.gateway.auth.internal.RegistryAuthenticator} with its {@link
 * com.plantar.gateway.auth.internal.VerifiedSecretCache}, {@link
 * com.plantar.gateway.auth.internal.InsoleTopicAcl}, the per-connection abuse limit ({@link
 * com.plantar.gateway.auth.internal.DenialPolicy}, {@link com.plantar.gateway.auth.internal.DenialTracker})
 * and {@link com.plantar.gateway.auth.internal.AuthCounters}. Constructed once at gateway start-up.
 */
package com.plantar.gateway.auth.internal;
