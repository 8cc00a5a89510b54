; armasm64 syntax: only MSVC's armasm64.exe assembles this.
    AREA |.rdata|, DATA, READONLY
    EXPORT asm_table
asm_table DCD 2, 3, 5, 7, 11, 13, 17, 19
    END
