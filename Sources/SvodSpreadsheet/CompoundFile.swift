/// The stream names in an OLE2 compound file (CFB): the container of legacy .xls files
/// and of password-protected OOXML packages, told apart by what they hold.
enum CompoundFile {
    static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// Directory entry names, or nil when the structure is broken.
    static func streamNames(_ data: [UInt8]) -> [String]? {
        guard data.count >= 512, Array(data[0..<8]) == signature else { return nil }
        let shift = Int(u16(data, 0x1E))
        guard shift == 9 || shift == 12 else { return nil }
        let sectorSize = 1 << shift
        let sectorCount = (data.count - 512) / sectorSize + 1
        func offset(_ sector: UInt32) -> Int? {
            let o = (Int(sector) + 1) << shift
            return Int(sector) < sectorCount && o + sectorSize <= data.count ? o : nil
        }
        // The FAT sectors: the first 109 are listed in the header, the rest in a DIFAT chain.
        var fatSectors: [UInt32] = []
        for i in 0..<109 {
            let s = u32(data, 0x4C + i * 4)
            if s < 0xFFFF_FFFA { fatSectors.append(s) }
        }
        var difat = u32(data, 0x44)
        var guardCount = 0
        while difat < 0xFFFF_FFFA, let o = offset(difat), guardCount < sectorCount {
            for i in 0..<(sectorSize / 4 - 1) {
                let s = u32(data, o + i * 4)
                if s < 0xFFFF_FFFA { fatSectors.append(s) }
            }
            difat = u32(data, o + sectorSize - 4)
            guardCount += 1
        }
        func next(_ sector: UInt32) -> UInt32? {
            let perSector = sectorSize / 4
            let index = Int(sector) / perSector
            guard index < fatSectors.count, let o = offset(fatSectors[index]) else { return nil }
            return u32(data, o + (Int(sector) % perSector) * 4)
        }
        var names: [String] = []
        var sector = u32(data, 0x30)
        var visited = 0
        while sector < 0xFFFF_FFFA, visited <= sectorCount {
            guard let o = offset(sector) else { return names.isEmpty ? nil : names }
            for e in stride(from: o, to: o + sectorSize, by: 128) {
                let length = min(Int(u16(data, e + 0x40)), 64)
                guard length >= 2, data[e + 0x42] != 0 else { continue }
                var units: [UInt16] = []
                for k in stride(from: 0, to: length - 2, by: 2) { units.append(u16(data, e + k)) }
                names.append(String(decoding: units, as: UTF16.self))
            }
            guard let n = next(sector) else { break }
            sector = n
            visited += 1
        }
        return names
    }

    private static func u16(_ d: [UInt8], _ o: Int) -> UInt16 {
        UInt16(d[o]) | UInt16(d[o + 1]) << 8
    }

    private static func u32(_ d: [UInt8], _ o: Int) -> UInt32 {
        UInt32(d[o]) | UInt32(d[o + 1]) << 8 | UInt32(d[o + 2]) << 16 | UInt32(d[o + 3]) << 24
    }
}
