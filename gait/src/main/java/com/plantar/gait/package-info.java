/**
 * The gait and weight-distribution engine: a pure, streaming library (no Netty, no storage, no
 * clocks: time comes with the samples).
 *
 * <p>Entry point: {@link com.plantar.gait.GaitEngine}, one per wearer, fed per-foot samples (cell
 * rows described by a {@link com.plantar.gait.FootLayout} from HELLO, or one total-force channel)
 * and reporting to a {@link com.plantar.gait.GaitListener}: {@link com.plantar.gait.GaitEvent},
 * {@link com.plantar.gait.Stride}, {@link com.plantar.gait.GaitSummary} (windows and walking
 * bouts), {@link com.plantar.gait.StandingBalance} and {@link com.plantar.gait.Alert}.
 *
 * <p><b>Thread rule:</b> an engine is owned by the one thread that feeds it; the listener is
 * called on that thread and must be fast and never throw. Nothing here is thread-safe.
 *
 * <p>Definitions, formulas, references and validation results: {@code gait/METRICS.md}.
 * Recording readers for replay and {@code plantar analyze}: {@link com.plantar.gait.recording}.
 * Everything in {@code com.plantar.gait.internal} is implementation.
 */
package com.plantar.gait;
