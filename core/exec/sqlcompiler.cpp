#include "sqlcompiler.h"
