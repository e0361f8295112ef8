#ifndef SVOD_CLIBXML2_SHIM_H
#define SVOD_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU; its headers would pull ICU's types in and clash with
   Foundation's private ICU ("UErrorCode has different definitions"). svod never needs them. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlsave.h>
#include <libxml/xmlschemas.h>
#include <libxml/relaxng.h>

/* xmlFree is a mutable global function pointer, which Swift 6 refuses to touch. */
static inline void svod_xmlFree(void *p) { xmlFree(p); }
#endif
