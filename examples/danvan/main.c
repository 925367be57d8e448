/* danvan — command-line front end to libdanvan. Each subcommand lives in its own file. */
#include <string.h>

#include "tool.h"

const tool_command tool_commands[] = {
    {"help", cmd_help, "show the subcommands, or the help of one"},
    {"version", cmd_version, "print the versions of the tool and the library"},
    {"demo", cmd_demo, "run the main job on the bundled example data"},
    {"fmt", cmd_fmt, "write an XML file in the canonical form (FILE [-o OUT])"},
    {"evaluate", cmd_evaluate,
     "evaluate a plan against its reports (PLAN.xml [REPORTS.xml ...] [--as-of T] [--format F])"},
    {"schema", cmd_schema, "print the XML schema (XSD) of format v1 ([--path])"},
    {"validate", cmd_validate, "check files against the schema and the rules ([--lang vi|en] [--format text|xml] [--werror] [--max N] FILE...)"},
    {"gen", cmd_gen, "write a synthetic national-scale campaign (plan and reports)"},
    {"import", cmd_import, "read the text of a plan or report (FILE.txt [-o OUT.xml])"},
    {NULL, NULL, NULL},
};

void tool_report_error(const char *what) {
  const char *file = danvan_error_file();
  if (file[0] && danvan_error_line())
    fprintf(stderr, "danvan: %s: %s:%u:%u: %s\n", what, file, danvan_error_line(),
            danvan_error_column(), danvan_error_message());
  else if (file[0])
    fprintf(stderr, "danvan: %s: %s: %s\n", what, file, danvan_error_message());
  else
    fprintf(stderr, "danvan: %s: %s\n", what, danvan_error_message());
}

int main(int argc, char **argv) {
  if (argc < 2) return cmd_help(1, argv);
  for (const tool_command *c = tool_commands; c->name; c++)
    if (strcmp(c->name, argv[1]) == 0) return c->run(argc - 1, argv + 1);
  if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) return cmd_help(1, argv);
  if (strcmp(argv[1], "--version") == 0) return cmd_version(1, argv);
  fprintf(stderr, "danvan: unknown command '%s' (try 'danvan help')\n", argv[1]);
  return 2;
}
