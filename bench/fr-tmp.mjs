import { readFrameUpload, readHouseholdUpload } from '../dist/services/sampling/upload-reading.js';
const badFrame = (rows) =>
  'level,code,name,parent_code,population,is_seat\nprovince,P1,Tỉnh X,,1000,0\n' +
  Array.from({ length: rows }, (_, i) => `district,D${i},Huyện ${i},P9,-5,1`).join('\n');
const bytes = new TextEncoder().encode(badFrame(49998));
if (process.argv[2]) { const t=performance.now(); for (let i=0;i<Number(process.argv[2]);i++) try{readFrameUpload(new TextEncoder().encode(badFrame(2000)))}catch{}; console.log('warm', (performance.now()-t).toFixed(0)); }
for (let k=0;k<2;k++){ const t=performance.now(); const c=process.cpuUsage(); try{readFrameUpload(bytes)}catch(e){} const u=process.cpuUsage(c); console.log(k, (performance.now()-t).toFixed(0), "cpu", ((u.user+u.system)/1000).toFixed(0)); }
