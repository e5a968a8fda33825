import { startReader } from '@/src/pdf/reader';
import '@/src/pdf/reader.css';

void startReader();
