#!/usr/bin/env bash
# Prints a TCP port on 127.0.0.1 that is free right now (ports here may be taken by other programs).
# stdout.write, not console.log: under Nx FORCE_COLOR is set and console.log would colour the number.
exec node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port)+'\n');s.close()})"
