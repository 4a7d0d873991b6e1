import { Module } from '@nestjs/common';
import { PlaybooksController } from './playbooks.controller';
import { PlaybooksService } from './playbooks.service';
import { SavePlaybookService } from './save-playbook.service';
import { ValidatePlaybookController } from './validate-playbook.controller';

@Module({ controllers: [ValidatePlaybookController, PlaybooksController], providers: [PlaybooksService, SavePlaybookService], exports: [PlaybooksService] })
export class PlaybooksModule {}
