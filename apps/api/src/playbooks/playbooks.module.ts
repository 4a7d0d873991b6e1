import { Module } from '@nestjs/common';
import { PlaybooksController } from './playbooks.controller';
import { PlaybooksService } from './playbooks.service';
import { SavePlaybookService } from './save-playbook.service';

@Module({ controllers: [PlaybooksController], providers: [PlaybooksService, SavePlaybookService], exports: [PlaybooksService] })
export class PlaybooksModule {}
