package com.plantar.gateway.processing;

/** A HELLO whose JSON does not describe a usable insole; the message names the offending key. */
public final class InvalidHelloException extends Exception {
  public InvalidHelloException(String message) {
    super(message);
  }
}
