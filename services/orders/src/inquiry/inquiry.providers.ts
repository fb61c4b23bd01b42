import { Provider } from '@nestjs/common';
import { clockProvider } from '../clock/clock.provider';
import { HolidayModeService } from './holiday-mode.service';
import { InquiryCommands } from './inquiry-commands.service';
import { InquiryQueries } from './inquiry.queries';
import { InquiryRepository } from './inquiry.repository';
import { InquiryResolver } from './inquiry.resolver';
import { ShopInquiryResolver } from './shop-inquiry.resolver';

/** Everything buyer inquiries add to the orders module (the clock provider is shared with the order lifecycle; providing it twice is harmless). */
export const INQUIRY_PROVIDERS: Provider[] = [
  clockProvider, InquiryRepository, InquiryCommands, HolidayModeService, InquiryQueries, InquiryResolver, ShopInquiryResolver,
];
