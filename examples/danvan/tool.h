/* The danvan tool: shared declarations of its subcommands (one file each). */
#ifndef DANVAN_TOOL_H
#define DANVAN_TOOL_H

#include <stdio.h>

#include <danvan/danvan.h>

typedef int (*tool_fn)(int argc, char **argv);

typedef struct tool_command {
  const char *name;
  tool_fn run;
  const char *summary;
} tool_command;

/* Print the library's last error as "danvan: FILE:LINE:COL: message" to stderr. */
void tool_report_error(const char *what);

int cmd_help(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_fmt(int argc, char **argv);
int cmd_schema(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_gen(int argc, char **argv);
int cmd_evaluate(int argc, char **argv);
int cmd_import(int argc, char **argv);

extern const tool_command tool_commands[];

#endif
