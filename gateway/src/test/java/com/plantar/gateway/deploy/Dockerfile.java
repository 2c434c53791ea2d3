package com.plantar.gateway.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Dockerfile as a list of instructions per stage: comments dropped, continuation lines joined.
 * Enough to check what the file does, not a full parser (no heredocs, no escape directive).
 */
record Dockerfile(List<Stage> stages) {

  record Instruction(String keyword, String arguments) {}

  record Stage(String from, List<Instruction> instructions) {
    List<String> arguments(String keyword) {
      return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }
  }

  static Dockerfile parse(String text) {
    List<Stage> stages = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      if (pending.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      pending.append(trimmed);
      String instruction = pending.toString().strip();
      pending.setLength(0);
      int space = instruction.indexOf(' ');
      String keyword = instruction.substring(0, space).toUpperCase(Locale.ROOT);
      String arguments = instruction.substring(space + 1).strip().replaceAll("\\s+", " ");
      if (keyword.equals("FROM")) {
        stages.add(new Stage(arguments, new ArrayList<>()));
      } else if (stages.isEmpty()) {
        throw new IllegalArgumentException("instruction before FROM: " + instruction);
      } else {
        stages.get(stages.size() - 1).instructions().add(new Instruction(keyword, arguments));
      }
    }
    return new Dockerfile(List.copyOf(stages));
  }

  Stage runtime() {
    return stages.get(stages.size() - 1);
  }
}
