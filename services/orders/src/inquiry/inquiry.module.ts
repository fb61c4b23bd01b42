import { Module } from '@nestjs/common';
import { HolidayModeService } from './holiday-mode.service';
import { InquiryCommands } from './inquiry-commands.service';
import { InquiryQueries } from './inquiry.queries';
import { InquiryRepository } from './inquiry.repository';
import { InquiryResolver } from './inquiry.resolver';
import { ShopInquiryResolver } from './shop-inquiry.resolver';

/** Buyer inquiries: conversations, messages, holiday mode and the response rate, with their Shop fields. Exports nothing. */
@Module({
  providers: [InquiryRepository, InquiryCommands, HolidayModeService, InquiryQueries, InquiryResolver, ShopInquiryResolver],
})
export class InquiryModule {}
