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

/* Some of libxml2's messages go straight to the calling thread's generic error function,
   which prints to stderr; svod's refusals stay one line, so that function is silenced (it
   is variadic, which Swift cannot define). */
static void svod_quiet_generic_error(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static inline void svod_silence_generic_errors(void) {
    xmlSetGenericErrorFunc(NULL, svod_quiet_generic_error);
    xmlResetLastError();
}
#endif
