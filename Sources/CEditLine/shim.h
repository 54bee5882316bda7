#include <stdio.h>
#include <locale.h>
#include <editline/readline.h>
