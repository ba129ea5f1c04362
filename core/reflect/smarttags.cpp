#include "smarttags.h"

// Implementation in progress.
