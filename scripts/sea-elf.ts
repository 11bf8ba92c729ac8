// Embeds a Node single-executable-application blob into a copy of a Linux x86-64/arm64 `node`
// binary, the way postject does, without postject (not installed; the build must work offline).
//
// Node finds its blob at run time with postject_find_resource(): it walks the main program's
// PT_NOTE program headers (through dl_iterate_phdr) for a note named NODE_SEA_BLOB. So the
// blob must be a note inside a loaded segment, and the sentinel fuse must read ":1".
// The program-header table of a stock node binary has no spare slots, so we move it to the end
// of the file, into a new read-only PT_LOAD that also holds the note, and point PT_PHDR at it.
// The new segment keeps the same (vaddr - offset) distance as the first PT_LOAD, so even
// kernels that compute AT_PHDR as "first load address + e_phoff" find the moved table.
const PT_LOAD = 1;
const PT_NOTE = 4;
const PT_PHDR = 6;
const PF_R = 4;
const PHDR_SIZE = 56;
const PAGE = 0x10000; // 64 KiB: a multiple of every Linux page size (4K, 16K, 64K)

export const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
export const SEA_RESOURCE = 'NODE_SEA_BLOB';

interface ProgramHeader {
  type: number;
  flags: number;
  offset: bigint;
  vaddr: bigint;
  paddr: bigint;
  filesz: bigint;
  memsz: bigint;
  align: bigint;
}

function readHeaders(elf: Buffer, phoff: number, count: number): ProgramHeader[] {
  const headers: ProgramHeader[] = [];
  for (let i = 0; i < count; i++) {
    const at = phoff + i * PHDR_SIZE;
    headers.push({
      type: elf.readUInt32LE(at),
      flags: elf.readUInt32LE(at + 4),
      offset: elf.readBigUInt64LE(at + 8),
      vaddr: elf.readBigUInt64LE(at + 16),
      paddr: elf.readBigUInt64LE(at + 24),
      filesz: elf.readBigUInt64LE(at + 32),
      memsz: elf.readBigUInt64LE(at + 40),
      align: elf.readBigUInt64LE(at + 48),
    });
  }
  return headers;
}

function writeHeaders(headers: ProgramHeader[]): Buffer {
  const out = Buffer.alloc(headers.length * PHDR_SIZE);
  headers.forEach((h, i) => {
    const at = i * PHDR_SIZE;
    out.writeUInt32LE(h.type, at);
    out.writeUInt32LE(h.flags, at + 4);
    out.writeBigUInt64LE(h.offset, at + 8);
    out.writeBigUInt64LE(h.vaddr, at + 16);
    out.writeBigUInt64LE(h.paddr, at + 24);
    out.writeBigUInt64LE(h.filesz, at + 32);
    out.writeBigUInt64LE(h.memsz, at + 40);
    out.writeBigUInt64LE(h.align, at + 48);
  });
  return out;
}

/** One ELF note: namesz, descsz, type, name (NUL-terminated, padded to 4), desc (padded to 4). */
function elfNote(name: string, desc: Buffer): Buffer {
  const nameBytes = Buffer.from(`${name}\0`, 'latin1');
  const pad = (n: number) => (4 - (n % 4)) % 4;
  const header = Buffer.alloc(12);
  header.writeUInt32LE(nameBytes.length, 0);
  header.writeUInt32LE(desc.length, 4);
  header.writeUInt32LE(0, 8);
  return Buffer.concat([header, nameBytes, Buffer.alloc(pad(nameBytes.length)), desc, Buffer.alloc(pad(desc.length))]);
}

const alignUp = (n: bigint, to: bigint) => ((n + to - 1n) / to) * to;

/** Returns a new executable image: `node` with `blob` embedded and the SEA fuse flipped. */
export function injectSeaBlob(node: Buffer, blob: Buffer): Buffer {
  if (node.readUInt32BE(0) !== 0x7f454c46 || node[4] !== 2 || node[5] !== 1) {
    throw new Error('not a 64-bit little-endian ELF executable');
  }
  const phoff = Number(node.readBigUInt64LE(32));
  const phnum = node.readUInt16LE(56);
  const headers = readHeaders(node, phoff, phnum);
  if (headers.some((h) => h.type === PT_NOTE && noteNames(node, h).includes(SEA_RESOURCE))) {
    throw new Error('the binary already carries a SEA blob');
  }
  const loads = headers.filter((h) => h.type === PT_LOAD);
  const first = loads[0];
  if (!first) throw new Error('no PT_LOAD segment');
  const slide = first.vaddr - first.offset;
  const memoryEnd = loads.reduce((end, h) => (h.vaddr + h.memsz > end ? h.vaddr + h.memsz : end), 0n);

  // The new segment starts on a page boundary past both the file's end and the memory image.
  let segmentOffset = alignUp(BigInt(node.length), BigInt(PAGE));
  while (segmentOffset + slide < memoryEnd) segmentOffset += BigInt(PAGE);
  const tableSize = BigInt((phnum + 2) * PHDR_SIZE);
  const noteOffset = segmentOffset + alignUp(tableSize, 8n);
  const note = elfNote(SEA_RESOURCE, blob);
  const segmentSize = noteOffset - segmentOffset + BigInt(note.length);

  const newLoad: ProgramHeader = {
    type: PT_LOAD, flags: PF_R, offset: segmentOffset, vaddr: segmentOffset + slide, paddr: segmentOffset + slide,
    filesz: segmentSize, memsz: segmentSize, align: BigInt(PAGE),
  };
  const newNote: ProgramHeader = {
    type: PT_NOTE, flags: PF_R, offset: noteOffset, vaddr: noteOffset + slide, paddr: noteOffset + slide,
    filesz: BigInt(note.length), memsz: BigInt(note.length), align: 4n,
  };
  const moved = headers.map((h) => (h.type === PT_PHDR
    ? { ...h, offset: segmentOffset, vaddr: segmentOffset + slide, paddr: segmentOffset + slide, filesz: tableSize, memsz: tableSize }
    : h));
  // PT_LOADs must stay sorted by address: the new one goes right after the last existing one.
  const lastLoad = moved.map((h) => h.type).lastIndexOf(PT_LOAD);
  moved.splice(lastLoad + 1, 0, newLoad);
  moved.push(newNote);

  const out = Buffer.alloc(Number(segmentOffset + segmentSize));
  node.copy(out);
  out.writeBigUInt64LE(segmentOffset, 32);
  out.writeUInt16LE(moved.length, 56);
  writeHeaders(moved).copy(out, Number(segmentOffset));
  note.copy(out, Number(noteOffset));
  flipFuse(out);
  return out;
}

function flipFuse(image: Buffer): void {
  const marker = Buffer.from(`${SEA_FUSE}:`, 'latin1');
  const at = image.indexOf(marker);
  if (at === -1) throw new Error(`this node binary has no ${SEA_FUSE} fuse (not SEA-capable)`);
  if (image.indexOf(marker, at + 1) !== -1) throw new Error('the SEA fuse appears more than once');
  image[at + marker.length] = '1'.charCodeAt(0);
}

function noteNames(elf: Buffer, header: ProgramHeader): string[] {
  const names: string[] = [];
  let pos = Number(header.offset);
  const end = pos + Number(header.filesz);
  while (pos + 12 <= end && pos + 12 <= elf.length) {
    const namesz = elf.readUInt32LE(pos);
    const descsz = elf.readUInt32LE(pos + 4);
    names.push(elf.toString('latin1', pos + 12, pos + 12 + Math.max(0, namesz - 1)));
    pos += 12 + Math.ceil(namesz / 4) * 4 + Math.ceil(descsz / 4) * 4;
  }
  return names;
}
