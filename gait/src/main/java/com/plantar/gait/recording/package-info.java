/**
 * Readers for recordings made elsewhere (PhysioNet gaitndd and gaitpdb, Moticon OpenGo text
 * exports, a simple CSV), plain java.io/nio, so that {@code plantar analyze} and the simulator can
 * replay them through the {@link com.plantar.gait.GaitEngine} with
 * {@link com.plantar.gait.recording.RecordingReplay}. A file that cannot be read is a
 * {@link com.plantar.gait.recording.RecordingException} naming the file and the problem.
 */
package com.plantar.gait.recording;
