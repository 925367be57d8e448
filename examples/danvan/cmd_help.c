/* danvan help [COMMAND] */
#include <string.h>

#include "tool.h"

int cmd_help(int argc, char **argv) {
  if (argc > 1) {
    for (const tool_command *c = tool_commands; c->name; c++)
      if (strcmp(c->name, argv[1]) == 0) {
        printf("danvan %s — %s\n", c->name, c->summary);
        return 0;
      }
    fprintf(stderr, "danvan: no command '%s'\n", argv[1]);
    return 2;
  }
  printf("usage: danvan COMMAND [ARGS]\n\ncommands:\n");
  for (const tool_command *c = tool_commands; c->name; c++)
    printf("  %-10s %s\n", c->name, c->summary);
  return 0;
}
