package com.plantar.gait.recording;

import java.nio.file.Path;

/** A recording could not be read: missing, unreadable or not in the expected format. */
public final class RecordingException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient Path path;

  public RecordingException(Path path, String message) {
    super(path + ": " + message);
    this.path = path;
  }

  public RecordingException(Path path, String message, Throwable cause) {
    super(path + ": " + message, cause);
    this.path = path;
  }

  public Path path() {
    return path;
  }
}
