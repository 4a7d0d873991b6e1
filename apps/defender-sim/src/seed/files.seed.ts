import type { FileInfo } from '../state/entities';
import { DAY_MS, toDefenderTime } from '../state/time';
import { fakeMd5, fakeSha1 } from './fake-hash';
import { SEED } from './seed-ids';

type FileKey = keyof typeof SEED.files;

interface FileSpec {
  size: number;
  fileType: string | null;
  isPeFile: boolean;
  signer: string | null;
  issuer: string | null;
  product: string | null;
  prevalence: number;
  firstSeenDaysAgo: number;
  determinationType: string;
  determinationValue: string | null;
}

const MS = { signer: 'Microsoft Windows', issuer: 'Microsoft Windows Production PCA 2011', product: 'Microsoft® Windows® Operating System' };

const SPECS: Record<FileKey, FileSpec> = {
  maliciousDocument: { size: 48_213, fileType: 'Document', isPeFile: false, signer: null, issuer: null, product: null, prevalence: 41, firstSeenDaysAgo: 3, determinationType: 'Malware', determinationValue: 'TrojanDownloader:O97M/Emotet.PDSB!MTB' },
  emotetDll: { size: 412_672, fileType: 'Dll', isPeFile: true, signer: null, issuer: null, product: null, prevalence: 218, firstSeenDaysAgo: 12, determinationType: 'Malware', determinationValue: 'Trojan:Win32/Emotet.RPX!MTB' },
  powershell: { size: 455_680, fileType: 'Exe', isPeFile: true, ...MS, prevalence: 1_830_551_299, firstSeenDaysAgo: 1500, determinationType: 'Clean', determinationValue: null },
  mimikatz: { size: 1_355_264, fileType: 'Exe', isPeFile: true, signer: null, issuer: null, product: 'mimikatz', prevalence: 9_120, firstSeenDaysAgo: 900, determinationType: 'Malware', determinationValue: 'HackTool:Win64/Mimikatz.D' },
  linuxDropper: { size: 3_412, fileType: 'Script', isPeFile: false, signer: null, issuer: null, product: null, prevalence: 12, firstSeenDaysAgo: 2, determinationType: 'Malware', determinationValue: 'Trojan:Linux/CoinMiner.A' },
  bash: { size: 1_396_520, fileType: null, isPeFile: false, signer: null, issuer: null, product: null, prevalence: 52_400_118, firstSeenDaysAgo: 1400, determinationType: 'Clean', determinationValue: null },
  macPua: { size: 8_650_112, fileType: 'Package', isPeFile: false, signer: 'Bundle Apps LLC', issuer: 'Developer ID Certification Authority', product: 'BundleInstaller', prevalence: 3_311, firstSeenDaysAgo: 40, determinationType: 'Pua', determinationValue: 'PUA:MacOS/Bundlore.A' },
  runKeyPayload: { size: 2_104_832, fileType: 'Exe', isPeFile: true, signer: null, issuer: null, product: 'OneDrive Updater', prevalence: 3, firstSeenDaysAgo: 3, determinationType: 'Unknown', determinationValue: null },
  rundll32: { size: 71_680, fileType: 'Exe', isPeFile: true, ...MS, prevalence: 2_004_118_442, firstSeenDaysAgo: 1500, determinationType: 'Clean', determinationValue: null },
};

export function seedFiles(base: number): FileInfo[] {
  return (Object.keys(SPECS) as FileKey[]).map((key) => {
    const s = SPECS[key];
    const f = SEED.files[key];
    return {
      sha1: f.sha1,
      sha256: f.sha256,
      md5: fakeMd5(`file:${f.name}`),
      globalPrevalence: s.prevalence,
      globalFirstObserved: toDefenderTime(base - s.firstSeenDaysAgo * DAY_MS),
      globalLastObserved: toDefenderTime(base - 3_600_000),
      size: s.size,
      fileType: s.fileType,
      isPeFile: s.isPeFile,
      filePublisher: s.signer,
      fileProductName: s.product,
      signer: s.signer,
      issuer: s.issuer,
      signerHash: s.signer ? fakeSha1(`signer:${s.signer}`) : null,
      isValidCertificate: s.signer !== null,
      determinationType: s.determinationType,
      determinationValue: s.determinationValue,
    };
  });
}
