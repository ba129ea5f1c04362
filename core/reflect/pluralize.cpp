#include "pluralize.h"

// Implementation in progress.
