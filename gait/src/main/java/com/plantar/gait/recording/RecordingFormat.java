package com.plantar.gait.recording;

/** The recording file formats {@link Recordings#read} understands. */
public enum RecordingFormat {
  /** PhysioNet gaitndd: {@code NAME.hea} + {@code NAME.let}/{@code NAME.rit} (WFDB format 212). */
  GAITNDD,
  /** PhysioNet gaitpdb: text, time + 8 sensors per foot (N) + totals, 100 Hz. */
  GAITPDB,
  /** Moticon OpenGo tab-separated text export (16 cells per foot, N/cm²). */
  MOTICON,
  /** Plain CSV: {@code time_s,left_force,right_force} (see {@link CsvRecordingReader}). */
  CSV
}
