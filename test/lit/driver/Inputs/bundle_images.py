"""Lists the images of a .hmb bundle by reading the layout docs/bundle.md
documents, independently of the C++ reader, so the test checks the format as
written down. Files given after the bundle are compared with the images, in
order ("same-as-file" when equal)."""
import struct
import sys
import zlib

FORMATS = {1: "PTX", 2: "cubin", 3: "hsaco", 4: "SPIR-V"}

data = open(sys.argv[1], "rb").read()
files = sys.argv[2:]
assert data[:8] == b"\x89HMB\r\n\x1a\n", "bad magic"
version, header_size, entry_size, count, total, table_crc, reserved = struct.unpack_from(
    "<IIIIQII", data, 8)
assert (version, header_size, entry_size, reserved) == (1, 40, 56, 0)
assert total == len(data), "total size"
table = data[40:40 + 56 * count]
assert zlib.crc32(table) == table_crc, "table CRC-32"
for i in range(count):
    name, fmt, crc, offset, size = struct.unpack_from("<32sIIQQ", table, 56 * i)
    image = data[offset:offset + size]
    assert offset % 8 == 0 and zlib.crc32(image) == crc, "image %d" % i
    line = "image %d: %s %s" % (i, name.rstrip(b"\0").decode(), FORMATS[fmt])
    if i < len(files):
        line += " same-as-file" if open(files[i], "rb").read() == image else " DIFFERENT"
    print(line)
