import { z } from 'zod';

export const machineRefSchema = z.string().min(1).max(255).describe('machine id (40 hex characters) or computer DNS name');
export const tagSchema = z.string().min(1).max(200);
