# Writes the bytes of IN as a C++ array into OUT (cmake -DIN=... -DOUT=... -P embed.cmake): the
# catalog travels inside the binary, so an installed mera needs no file beside it.
file(READ ${IN} bytes HEX)
string(LENGTH "${bytes}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," array "${bytes}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" array "${array}")
file(WRITE ${OUT}.tmp "// Made from text/ru.po by text/embed.cmake at build time: do not edit.\n#include <cstddef>\n"
     "namespace mera::text::detail {\nextern const unsigned char kRussianCatalog[] = {\n${array}0};\n"
     "extern const std::size_t kRussianCatalogSize = ${size};\n}  // namespace mera::text::detail\n")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUT}.tmp)
