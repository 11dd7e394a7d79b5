/*
 * exos/fs/shcmd.h - the shell's file commands (exos/bin/sh.c calls
 * them; kept in the library so the shell stays about processes):
 *   ls [PATH]     a directory's entries (type, size, name) or one file
 *   cat FILE...   cp FROM TO   mv FROM TO   rm FILE...   mkdir DIR...
 *   rmdir DIR...  cd [DIR]     pwd
 * cp and mv into a directory keep the name. Errors are printed as
 * "sh: cat: /x: No such file or directory". Guest only.
 */
#ifndef EXOS_FS_SHCMD_H
#define EXOS_FS_SHCMD_H

/* 1 if argv[0] names a file command (it ran), 0 if not. ls with no file
   system mounted is not one (the shell lists its boot archive). */
int sh_file_command(int argc, char **argv);

#endif
